// Asks the JVM which SQL identifier each table factory of a connector JAR registers: loads the classes its
// META-INF/services/org.apache.flink.table.factories.Factory names (in a class loader over the JAR and,
// behind it, a Flink distribution's lib/), instantiates each and calls factoryIdentifier().
// Usage: java -cp <flink lib/*> FactoryProbe <connector.jar>[,<extra.jar>...] ...  (one class loader per argument)
// Prints one line per factory: "<connector.jar>\t<class>\t<identifier>" or "…\t!<Throwable>".
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.jar.JarFile;

public class FactoryProbe {
    private static final String SERVICE = "META-INF/services/org.apache.flink.table.factories.Factory";

    public static void main(String[] args) throws Exception {
        for (String group : args) probe(group.split(","));
    }

    private static void probe(String[] jars) throws Exception {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) urls[i] = Paths.get(jars[i]).toUri().toURL();
        try (JarFile jar = new JarFile(jars[0]);
             URLClassLoader loader = new URLClassLoader(urls, FactoryProbe.class.getClassLoader())) {
            if (jar.getEntry(SERVICE) == null) return;
            BufferedReader reader = new BufferedReader(new InputStreamReader(jar.getInputStream(jar.getEntry(SERVICE)), StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String name = line.split("#", 2)[0].trim();
                if (!name.isEmpty()) System.out.println(jars[0] + "\t" + name + "\t" + identifier(loader, name));
            }
        }
    }

    private static String identifier(ClassLoader loader, String name) {
        try {
            Object factory = Class.forName(name, true, loader).getDeclaredConstructor().newInstance();
            return String.valueOf(factory.getClass().getMethod("factoryIdentifier").invoke(factory));
        } catch (java.lang.reflect.InvocationTargetException e) {
            return "!" + e.getCause();
        } catch (Throwable e) {
            return "!" + e;
        }
    }
}
