import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Runs javac once per argument file, all in this one JVM (warmed once, not once per SDK): for each, prints a
 * line {@code ==== <exit code> <argument file>}, then what javac printed.
 */
public final class JavacEach {
  private JavacEach() {}

  public static void main(String[] args) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (String argfile : args) {
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int code = javac.run(null, output, output, "@" + argfile);
      System.out.println("==== " + code + " " + argfile);
      System.out.print(output.toString(StandardCharsets.UTF_8));
    }
  }
}
