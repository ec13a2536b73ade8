"""mlkata: practise and grade the coding rounds of ML research-engineering interviews."""

__version__ = "0.1.0"

__all__ = ["check", "__version__"]


def __getattr__(name: str):
    """`from mlkata import check` loads the notebook API on first use: `import mlkata` stays light."""
    if name == "check":
        from mlkata.notebook import check

        return check
    raise AttributeError(f"module 'mlkata' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), "check"])
