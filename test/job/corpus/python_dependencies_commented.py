# Twin of python_dependencies.py: the same calls commented out, in a docstring, in dead code and in a plain
# string; and a setting of an option the doctor does not read. None of them is a setting.
"""Run with:  t_env.get_config().set("python.executable", "/opt/py/bin/python3")"""
from pyflink.table import EnvironmentSettings, TableEnvironment

t_env = TableEnvironment.create(EnvironmentSettings.in_batch_mode())
# t_env.set_python_executable("/usr/bin/python3")
# env.add_python_file("helpers.py")
if False:
    t_env.add_python_archive("old_venv.zip")
hint = 'call set_python_requirements("requirements.txt") first'
t_env.get_config().set("parallelism.default", "1")
