# Twin of sql_escaped_quote.py: strings that merely contain 'connector' = '...' (error help text, a log
# line), never executed as SQL, and no CREATE TABLE around them.
import logging

HELP = "set 'connector' = 'kafka' and 'format' = 'json' in the WITH clause"
logging.getLogger("job").warning("missing option: 'connector' = 'jdbc'")
print(HELP)
