"""The two ways the streaming reader gives up on a workbook: NotStreamable (read it with calamine instead)
and DamagedWorkbook."""


class NotStreamable(Exception):
    """The workbook uses XML this reader does not parse; read it with calamine instead."""


class DamagedWorkbook(Exception):
    """The zip archive or the XML in it is damaged; the message names the underlying error."""
