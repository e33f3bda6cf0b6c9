"""reportgen: the yearly anti-human-trafficking report, from unit workbooks to HTML and PDF."""

__all__ = ["build_report", "check_year", "write_templates"]


def __getattr__(name: str):
    # Lazy, so that `reportgen --help` does not import pandas or Jinja.
    if name in __all__:
        from reportgen import build

        return getattr(build, name)
    raise AttributeError(name)
