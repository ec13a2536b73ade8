"""The problem bank: the format of a problem folder and how it is loaded."""
