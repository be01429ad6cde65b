import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Prints `file:line:name` for every identifier the Java files given use (javac's own parser). */
public final class JavaIdents {
  private JavaIdents() {}

  /**
   * Parses the files and prints their identifiers.
   *
   * @param args the files
   * @throws IOException when a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> sources = files.getJavaFileObjects(args);
      JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null, sources);
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      List<String> out = new ArrayList<>();
      for (CompilationUnitTree unit : task.parse()) {
        String file = unit.getSourceFile().getName();
        new TreePathScanner<Void, Void>() {
          private void add(Tree tree, CharSequence name) {
            long line = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, tree));
            out.add(file + ":" + line + ":" + name);
          }

          @Override
          public Void visitIdentifier(IdentifierTree tree, Void unused) {
            add(tree, tree.getName());
            return super.visitIdentifier(tree, unused);
          }

          @Override
          public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
            add(tree, tree.getIdentifier());
            return super.visitMemberSelect(tree, unused);
          }

          @Override
          public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
            add(tree, tree.getName());
            return super.visitMemberReference(tree, unused);
          }

          @Override
          public Void visitClass(ClassTree tree, Void unused) {
            add(tree, tree.getSimpleName());
            return super.visitClass(tree, unused);
          }

          @Override
          public Void visitMethod(MethodTree tree, Void unused) {
            add(tree, tree.getName());
            return super.visitMethod(tree, unused);
          }

          @Override
          public Void visitVariable(VariableTree tree, Void unused) {
            add(tree, tree.getName());
            return super.visitVariable(tree, unused);
          }
        }.scan(unit, null);
      }
      System.out.println(String.join("\n", out));
    }
  }
}
