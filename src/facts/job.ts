// What --job files ask of the JVM, as read from their source (never run). Plain data: the job probe fills it,
// checks read it. Every need carries the file and line it was read from.

/** Where in which job file (1-based line). */
export interface JobPlace {
  file: string;
  line: number;
}

export type IdentifierRole = 'connector' | 'format' | 'catalog';

/** A table factory identifier: 'connector' = 'kafka', a format, CREATE CATALOG … 'type'. */
export interface IdentifierNeed extends JobPlace {
  identifier: string;
  role: IdentifierRole;
  /** How the job asks for it: "CREATE TABLE orders", "TableDescriptor.for_connector", "SET 'table.sql-dialect'". */
  via: string;
}

/** A PyFlink Python class whose wrapper loads a JVM class from a connector or format JAR. */
export interface ApiNeed extends JobPlace {
  /** pyflink.datastream.connectors.kafka.KafkaSource */
  python: string;
  /** The import (or attribute access) as written, one line. */
  text: string;
}

/** A JDBC driver the job needs: named by the 'driver' option, else by the URL's scheme. */
export interface DriverNeed extends JobPlace {
  driverClass?: string;
  /** jdbc:postgresql: → "postgresql" */
  scheme?: string;
  via: string;
}

/** How the job adds it; 'ADD JAR' is the SQL statement, which takes plain paths as well as URLs. */
export type JobJarKind = 'add_jars' | 'add_classpaths' | 'pipeline.jars' | 'pipeline.classpaths' | 'ADD JAR';

/** One JAR URL or path the job adds, as written after splitting ';'. `known` false: parts are computed at run time. */
export interface JarReference extends JobPlace {
  kind: JobJarKind;
  /** The value with unknown parts shown as {…}. */
  value: string;
  known: boolean;
  /** The file name, when the last path segment is known even if the directory is not. */
  fileName?: string;
}

/** A set()/set_string() of pipeline.jars / pipeline.classpaths: literal or computed. */
export interface PipelineSettingUse extends JobPlace {
  key: 'pipeline.jars' | 'pipeline.classpaths';
  /** The literal value, when all of it is known. */
  value?: string;
  /** The expression as written, when some of it is computed at run time. */
  expression?: string;
}

/** Flink options the job sets that decide where and with what Python its workers run (the job's value wins over the config file's). */
export type JobConfigKey =
  | 'python.executable'
  | 'python.files'
  | 'python.archives'
  | 'python.requirements'
  | 'execution.target'
  | 'rest.address'
  | 'jobmanager.rpc.address';

/** set("python.executable", …), set_python_executable(…), add_python_file(…), … as the job writes it. */
export interface JobConfigUse extends JobPlace {
  key: JobConfigKey;
  /** The literal value (add_python_archive(path, dir) → "path#dir"); absent when computed at run time. */
  value?: string;
  /** The expression as written, when some of it is computed at run time. */
  expression?: string;
  /** How: 'set("python.files")', 'add_python_file()'. */
  via: string;
  /** add_python_file / add_python_archive add to the list; set() and the others replace it. */
  append: boolean;
}

/** Something the job computes at run time that decides a need: shown as a warning with its line. */
export interface Unresolved extends JobPlace {
  /** What it would have told: a JAR, an SQL statement, a connector option, a SQL file to read. */
  what: 'jar' | 'sql' | 'setting' | 'identifier' | 'sql-file';
  /** The expression as written, one line. */
  expression: string;
}

/** A top-level module a Python job file imports (`import a.b`, `from a import b`: "a"), as src/python/imports.ts reads it. */
export interface JobImport extends JobPlace {
  module: string;
}

export interface JobNeeds {
  /** Job files read: the --job files and SQL files they read at run time from literal paths. */
  files: string[];
  identifiers: IdentifierNeed[];
  apis: ApiNeed[];
  drivers: DriverNeed[];
  jars: JarReference[];
  settings: PipelineSettingUse[];
  /** Flink options the job sets for its workers and its target (absent in facts built before they were read). */
  config?: JobConfigUse[];
  /** Where the job first uses the DataStream API (imports pyflink.datastream): its workers start `python` from PATH. */
  dataStream?: JobPlace;
  /** Where the job first uses the Table API (imports pyflink.table): run locally, its workers get the client's interpreter. */
  tableApi?: JobPlace;
  /**
   * Where the job first hands the JVM a Python function through a DataStream method (map, flat_map, filter, key_by,
   * process, …): only then do Python workers start. A job without one (KafkaSource → print) starts none.
   */
  pythonFunction?: JobPlace;
  unresolved: Unresolved[];
  /**
   * The top-level modules each Python job file imports, read with its needs (and kept with them in the user's cache), so
   * the shipping probe need not read the file again; absent in facts built before they were read (it reads the file then).
   */
  imports?: JobImport[];
  /** Files that could not be read or were cut at the size cap: one line each. */
  problems: string[];
}

/** The job fact: what --job files (none, one or more) need. */
export interface JobFact {
  /** Absolute paths of the --job files, in the order given; empty without --job. */
  files: string[];
  /** Absent without --job. */
  needs?: JobNeeds;
}
