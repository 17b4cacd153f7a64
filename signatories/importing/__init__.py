"""Importing signatories from a spreadsheet (CSV, XLSX) or the statement's seed text file.

Three steps, each usable alone: ``reading.read_rows`` turns a file into numbered rows of text;
``planning.plan_import`` decides row by row what an import would do (create, update or skip,
and why) and writes nothing; ``job.import_rows`` plans again and writes the plan in one
transaction. Rows are matched to signatories by heading and normalised name, so importing the
same file twice changes nothing the second time.
"""
