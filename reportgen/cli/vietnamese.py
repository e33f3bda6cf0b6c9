"""Click's own words in Vietnamese: the help's layout, and mistakes in typing a command.

Click prints a few English words (its gettext catalog follows the user's locale, which a
province's computers do not set to Vietnamese): they are replaced here, and nowhere else.
Usage metavars are click's `options_metavar` and `subcommand_metavar`.
"""

import sys

import click

from reportgen import messages as msg


class _Formatter(click.HelpFormatter):
    def write_usage(self, prog, args="", prefix=None):
        super().write_usage(prog, args, msg.USAGE_PREFIX if prefix is None else prefix)

    def write_heading(self, heading):
        super().write_heading(msg.HELP_HEADINGS.get(heading, heading))

    def write_dl(self, rows, *args, **kwargs):
        # A required option's help ends in "[required]".
        rows = [(term, text.replace("[required]", msg.REQUIRED)) for term, text in rows]
        super().write_dl(rows, *args, **kwargs)


class _Context(click.Context):
    formatter_class = _Formatter


class Command(click.Command):
    """A command whose --help is in Vietnamese."""

    context_class = _Context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", msg.OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = msg.HELP_OPTION
        return option


class Group(Command, click.Group):
    """The root group: prints usage mistakes in Vietnamese and exits 2."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", msg.SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)

    def main(self, args=None, prog_name=None, **extra):
        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name, standalone_mode=False, **extra)
        except click.UsageError as exc:
            click.echo(_usage_error(exc), err=True)
            sys.exit(2)
        except click.Abort:
            click.echo(msg.ABORTED, err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _usage_error(exc: click.UsageError) -> str:
    ctx, param = exc.ctx, getattr(exc, "param", None)
    hint = "/".join(param.opts) if param is not None else ""
    if isinstance(exc, click.NoSuchOption):
        text = msg.NO_SUCH_OPTION.format(option=exc.option_name)
        if exc.possibilities:
            text += " " + msg.DID_YOU_MEAN_OPTION.format(options=", ".join(exc.possibilities))
    elif isinstance(exc, click.MissingParameter):
        text = msg.MISSING_OPTION.format(option=hint)
    elif isinstance(exc, click.BadParameter):
        choices = getattr(param.type, "choices", None)  # click.Choice, options.FormatList
        if choices is not None:
            text = msg.BAD_CHOICE.format(option=hint, choices=", ".join(choices))
        elif isinstance(param.type, click.types.IntParamType):
            text = msg.BAD_INTEGER.format(option=hint)
        elif isinstance(param.type, click.Path):
            text = msg.BAD_PATH.format(option=hint)
        else:
            text = msg.BAD_VALUE.format(option=hint)
    elif exc.message.startswith("No such command"):
        text = msg.NO_SUCH_COMMAND.format(command=exc.message.split("'")[1])
    else:
        text = msg.BAD_USAGE
    if ctx is not None:
        text = f"{ctx.get_usage()}\n{msg.SEE_HELP.format(command=ctx.command_path)}\n\n{text}"
    return text
