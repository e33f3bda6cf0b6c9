"""A pytest plugin for `make mutate` only: readers and renders run in the test process.

mutmut 3 learns which tests reach a mutated function by recording its calls in the test
process, and runs only those tests on that mutant. A workbook reader or a template render
runs in a forked child (inputs/isolate.py), whose calls are never reported back: the
filters and rules it runs would look untested. In place, the same tests run the same code
and assert the same things; only the ceilings of the child are not applied.
"""

from reportgen.inputs import isolate

isolate._in_child = True
