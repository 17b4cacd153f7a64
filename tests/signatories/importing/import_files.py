"""A file the import tests share: one row for each way a row can go."""

MIXED_FILE = [
    ["Name", "State", "City", "Website", "Note"],
    ["New Org", "Texas", "", "https://new.example.org", ""],  # 2: create
    ["american civil liberties union", "National", "", "", ""],  # 3: unchanged
    ["Casa Latina", "wa", "", "https://casa.example.org", ""],  # 4: update
    ["", "TX", "", "", ""],  # 5: blank name
    ["Somewhere Org", "Atlantis", "", "", ""],  # 6: unknown state
    ["The New Org.", "TX", "", "", ""],  # 7: duplicate of 2
    ["FTP Org", "CA", "", "ftp://files.example.org", ""],  # 8: website not http(s)
    ["", "", "", "", ""],  # 9: an empty row is no row at all
]
