"""Every message a user reads, in Vietnamese, in one package to be reviewed together.

Placeholders in braces are filled by str.format. Messages about a cell start in
lower case: they follow "tệp, trang "…", ô C7: ".

One module a stage; all are read as `messages.NAME` (`from reportgen import messages as msg`).
A new message goes to the module of the stage that says it.
"""

# ruff: noqa: F403
from reportgen.messages.blank import *
from reportgen.messages.checks import *
from reportgen.messages.cli import *
from reportgen.messages.declared import *
from reportgen.messages.inputs import *
from reportgen.messages.outputs import *
from reportgen.messages.report import *
