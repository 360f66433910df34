import os
import sys

from builder.cli import main

try:
    sys.exit(main())
except BrokenPipeError:
    # The reader of the report went away (`builder check … | head`): stop quietly, as Unix tools do.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(141)
