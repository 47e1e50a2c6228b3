// A Pulsar Function in Go: appends "!" to every message.
//
// A real Go function registers its handler with the Pulsar Functions SDK:
//
//	import "github.com/apache/pulsar/pulsar-function-go/pf"
//	func main() { pf.Start(exclamation) }
//
// The SDK lives on GitHub, which this example's offline build cannot reach, so main() runs the
// same handler over standard input instead. The binary is what matters to Slipway: its ELF
// header says which platform the image is for.
package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
)

func exclamation(_ context.Context, input []byte) ([]byte, error) {
	return append(input, '!'), nil
}

func main() {
	scanner := bufio.NewScanner(os.Stdin)
	for scanner.Scan() {
		out, err := exclamation(context.Background(), scanner.Bytes())
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(string(out))
	}
}
