# What a real PyFlink install is, asked of PyFlink's own code in the interpreter under test:
# installed versions, version.py, the flink-dist JAR its FLINK_HOME lookup finds, the config files there,
# the java its gateway launcher would start, and the Python minors apache-flink's METADATA classifies.
# Prints one JSON object. Runs on Python 3.8+ (importlib.metadata).
import glob
import json
import os
import sys
from importlib import metadata

out = {"python": "%d.%d.%d" % sys.version_info[:3]}
for name in ("apache-flink", "apache-flink-libraries"):
    try:
        out[name] = metadata.version(name)
    except metadata.PackageNotFoundError:
        out[name] = None
try:
    classifiers = metadata.metadata("apache-flink").get_all("Classifier") or []
    prefix = "Programming Language :: Python :: "
    out["classified_pythons"] = [c[len(prefix):] for c in classifiers if c.startswith(prefix) and c[len(prefix):].count(".") == 1]
except metadata.PackageNotFoundError:
    out["classified_pythons"] = []
try:
    from pyflink.version import __version__
    out["version_py"] = __version__
    from pyflink.find_flink_home import _find_flink_home
    home = _find_flink_home()
    out["flink_home"] = home
    lib = os.environ.get("FLINK_LIB_DIR") or os.path.join(home, "lib")
    out["dist_jars"] = sorted(os.path.basename(p) for p in glob.glob(os.path.join(lib, "flink-dist*.jar")))
    out["conf_files"] = [f for f in ("flink-conf.yaml", "config.yaml") if os.path.isfile(os.path.join(home, "conf", f))]
    try:
        from pyflink.pyflink_gateway_server import find_java_executable
        out["java"] = find_java_executable()
    except Exception as error:  # 1.19+ reads config.yaml with ruamel.yaml, absent from a --no-deps install
        out["java_error"] = repr(error)
except Exception as error:
    out["error"] = repr(error)
if "--jvm" in sys.argv:
    from pyflink.java_gateway import get_gateway
    system = get_gateway().jvm.java.lang.System
    out["jvm_java_home"] = system.getProperty("java.home")
    out["jvm_java_version"] = system.getProperty("java.version")
print(json.dumps(out))
