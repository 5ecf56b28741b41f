# Twin of td_chain_multiline.py: str.format calls and a .format() on a logger-style message, which the old
# scanner read as formats ("no JAR provides format 'done'").
import logging

log = logging.getLogger("job")
msg = "{} rows written to {}"
log.info(msg.format(10, "done"))
print("finished: {}".format("done"))
report = "{name} -> {fmt}".format(name="orders", fmt="csv")
