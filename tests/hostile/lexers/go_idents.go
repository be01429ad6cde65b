// Prints every identifier of the Go files given as arguments, one per line: file:line:name.
// Comments and string literals are not identifiers, so spec text that stayed text never shows here.
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
)

func main() {
	fset := token.NewFileSet()
	for _, path := range os.Args[1:] {
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		ast.Inspect(file, func(node ast.Node) bool {
			if ident, ok := node.(*ast.Ident); ok {
				fmt.Printf("%s:%d:%s\n", path, fset.Position(ident.Pos()).Line, ident.Name)
			}
			return true
		})
	}
}
