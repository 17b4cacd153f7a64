"""Importing signatories from a spreadsheet (CSV, XLSX) or the statement's seed text file.

Three steps, each usable alone: ``reading.read_rows`` turns a file into numbered rows of text;
``planning.plan_import`` decides row by row what an import would do (create, update or skip,
and why) and writes nothing; ``job`` stores a confirmed plan as an ImportJob and writes it
in short batches (the task worker for the admin, in process for the command), which can be
resumed or rolled back. Rows are matched to signatories by heading and normalised name, so
importing the same file twice changes nothing the second time.
"""
