# Shape: the "Python Dependency Management" page of the PyFlink docs: a job that pins its workers' interpreter and
# ships files, an archive and requirements from its own code, on a StreamExecutionEnvironment and a TableEnvironment.
from pyflink.datastream import StreamExecutionEnvironment
from pyflink.table import EnvironmentSettings, TableEnvironment

VENV = "venv.zip"

env = StreamExecutionEnvironment.get_execution_environment()
env.add_python_archive(VENV, "venv")
env.set_python_executable("venv/bin/python")
env.add_python_file("/home/me/project/udfs")

t_env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
t_env.set_python_requirements(requirements_file_path="requirements.txt",
                              requirements_cache_dir="cached_dir")
t_env.get_config().set("python.executable", "/usr/local/bin/python3.11")
t_env.get_config().set("python.files", "a.py,b.zip")
t_env.get_config().set("execution.target", "remote")
t_env.get_config().set("rest.address", "flink-jobmanager")
