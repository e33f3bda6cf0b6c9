"""reportgen: the yearly anti-human-trafficking report, from unit workbooks to HTML and PDF.

Public API: build_report, check_year (reportgen.pipeline), write_templates
(reportgen.blank_forms) and facts (reportgen.outputs.export: the checked facts as a pandas
DataFrame, docs/phan-tich.md).
"""

__all__ = ["build_report", "check_year", "facts", "write_templates"]
_HOMES = {"facts": "outputs.export", "write_templates": "blank_forms"}  # the rest: pipeline


def __getattr__(name: str):
    # Lazy, so that `reportgen --help` does not import Jinja, and only facts() imports pandas.
    if name in __all__:
        from importlib import import_module

        return getattr(import_module(f"reportgen.{_HOMES.get(name, 'pipeline')}"), name)
    raise AttributeError(name)
