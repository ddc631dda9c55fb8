"""Where files come in: a spreadsheet is read, recognised by its headers, and its cells become records.

reader        rows of .xlsx/.xlsm (xlsx/, streamed), .xls/.xlsb/.ods (python-calamine) and .csv
csv_text      a CSV's lines, each decoded on its own (UTF-8 and GBK rows in one file), within the line limit
limits        how large a part, a row or a cell may be, and when a sheet has ended (zip bombs, calamine's memory)
ods_extent    the cell grid calamine would build for an .ods (repeated rows and cells), checked before it opens one
xlsx/         the streaming .xlsx reader: only the columns the importer needs
filekinds     the export kinds ShopGuard knows, recognised by their header row
cells         raw cells to clean values (IDs, Beijing times, money), the way 抖店 exports need it
express_info  the order export's packed 快递信息 column, split into parcels
importer      files to records and problems (file, row, column)
"""
