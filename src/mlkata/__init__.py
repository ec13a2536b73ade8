"""mlkata: practise and grade the coding rounds of ML research-engineering interviews."""

__version__ = "0.1.0"
