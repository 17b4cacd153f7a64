"""Joining the list: the join page and its forms, bot traps and rate limits, confirmation,
withdrawals and corrections, the emails and their tasks, and retention of contact details."""
