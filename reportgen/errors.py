"""The small hierarchy of exceptions the library raises; the CLI maps them to messages."""


class ReportgenError(Exception):
    """Base of every error reportgen raises on purpose; its text is Vietnamese."""


class ConfigError(ReportgenError):
    """A declarative file (units, catalog, year settings) cannot be used."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


class ProblemsFound(ReportgenError):
    """The inputs have errors; nothing was written."""

    def __init__(self, problems, unit_names=None):
        self.problems = list(problems)
        self.unit_names = dict(unit_names or {})
        super().__init__(f"{len(self.problems)} problems")


class TemplateProblem(ReportgenError):
    """A template cannot be loaded or rendered."""


class RenderError(ReportgenError):
    """The PDF renderer failed."""


class OutputFolderUnsafe(ReportgenError):
    """The out folder holds the inputs or templates, and each run replaces it whole."""


class OutputBusy(ReportgenError):
    """Another run kept writing the same out folder for longer than we wait."""


class ProblemsFoundInYears(ProblemsFound):
    """Several years were checked together (export) and some have errors; year by year."""

    def __init__(self, by_year: dict, unit_names=None):
        self.by_year = {year: list(problems) for year, problems in by_year.items()}
        super().__init__([p for problems in self.by_year.values() for p in problems], unit_names)
        # What a Python user of reportgen.facts() reads in the traceback: the errors themselves.
        self.args = (
            "\n".join(
                f"{year}: {p.text()}" for year, problems in self.by_year.items()
                for p in problems if p.is_error
            ),
        )  # fmt: skip
