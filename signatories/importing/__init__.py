"""Importing signatories from a spreadsheet (CSV, XLSX) or the statement's seed text file.

Steps, each usable alone: ``reading.read_table`` turns a file into headings and numbered
records of text; ``mapping`` says which column holds which field (guessed, remembered per
editor, or chosen); ``Table.rows(mapping)`` gives the rows; ``planning.plan_import`` cleans
each row (``cleaning``, ``states``) and decides what an import would do (create, update or
skip, with every problem of the row) and writes nothing; ``job`` stores a confirmed plan as an
ImportJob and writes it in short batches (the task worker for the admin, in process for the
command), which can be resumed or rolled back. Rows are matched to signatories by heading and
normalised name, so importing the same file twice changes nothing the second time.
"""
