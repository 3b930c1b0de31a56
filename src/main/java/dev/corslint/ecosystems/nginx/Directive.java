package dev.corslint.ecosystems.nginx;

import dev.corslint.model.SourceSpan;
import java.util.List;

/**
 * One directive as written, independent of the parser that read it.
 *
 * @param name the directive name
 * @param args its arguments
 * @param block the directives of its block, or null when it ends with ';'; a raw block (a
 *     {@code *_by_lua_block}) has an empty list
 * @param rawBlock whether the block holds foreign code that was skipped rather than parsed
 * @param span from the name to the ';' or the '{' that ends the header
 */
public record Directive(String name, List<Arg> args, List<Directive> block, boolean rawBlock, SourceSpan span) {

  public Directive {
    args = List.copyOf(args);
    block = block == null ? null : List.copyOf(block);
  }

  public boolean hasBlock() {
    return block != null;
  }

  /** The unquoted value of argument {@code i}, or null when there is none. */
  public String arg(int i) {
    return i < args.size() ? args.get(i).value() : null;
  }

  public boolean is(String directiveName) {
    return name.equals(directiveName);
  }

  public Directive withBlock(List<Directive> newBlock) {
    return new Directive(name, args, newBlock, rawBlock, span);
  }
}
