# The highest class-file major version in each JAR, over every class a JVM of any version loads from it:
# all *.class entries except module-info and the multi-release copies under META-INF/versions/.
# Usage: python class_majors.py a.jar b.jar ... ; prints {"a.jar": 52, ...}
import json
import sys
import zipfile

result = {}
for path in sys.argv[1:]:
    highest = None
    with zipfile.ZipFile(path) as jar:
        for name in jar.namelist():
            if not name.endswith(".class") or name.startswith("META-INF/") or name.endswith("module-info.class"):
                continue
            with jar.open(name) as entry:
                header = entry.read(8)
            if header[:4] == b"\xca\xfe\xba\xbe":
                major = header[6] * 256 + header[7]
                highest = major if highest is None else max(highest, major)
    result[path] = highest
print(json.dumps(result))
