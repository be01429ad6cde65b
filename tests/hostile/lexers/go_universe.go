// Prints Go's keywords and the names of its universe scope (predeclared types, constants, nil and builtin
// functions), one per line, as the toolchain that runs it knows them.
package main

import (
	"fmt"
	"go/token"
	"go/types"
)

func main() {
	for tok := token.BREAK; tok <= token.VAR; tok++ {
		if tok.IsKeyword() {
			fmt.Println(tok.String())
		}
	}
	for _, name := range types.Universe.Names() {
		fmt.Println(name)
	}
}
