import rule from '../../server/src/rules/go-install-unpinned';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2',
    'FROM golang:1.23\nRUN go install example.com/tool@4f2c9a1',
    'FROM golang:1.23\nRUN go install example.com/tool@${TOOL_VERSION}',
    'FROM golang:1.23\nRUN go install ./cmd/app',
    'FROM golang:1.23\nRUN go install -v ./...',
    'FROM golang:1.23\nRUN go install .',
    'FROM golang:1.23\nRUN go install',
    'FROM golang:1.23\nRUN go get -u ./...',
    'FROM golang:1.23\nRUN go get example.com/old@none',
    'FROM golang:1.23\nRUN go run main.go --port 8080',
    'FROM golang:1.23\nRUN go run example.com/gen@v1.2.3 example.com/not-a-package',
    'FROM golang:1.23\nRUN go build -o /app example.com/app',
    'FROM golang:1.23\nRUN go mod download',
    'FROM golang:1.23\nRUN go install $TOOL',
    'FROM golang:1.23\nRUN go install tool', // the tools go.mod lists, at its versions
    // inside a module, go install and go run build the version go.mod requires
    'FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go install github.com/golang/mock/mockgen',
    'FROM golang:1.23\nRUN --mount=type=bind,source=go.mod,target=/src/go.mod go run example.com/gen',
    'FROM golang:1.23 AS src\nCOPY . .\nFROM src\nRUN go install example.com/gen',
  ],
  invalid: [
    {
      // go get upgrades to the newest release even inside a module
      code: 'FROM golang:1.23\nCOPY go.mod go.sum ./\nRUN go get example.com/lib',
      findings: [{ line: 3, column: 12, endLine: 3, endColumn: 27 }],
    },
    {
      code: 'FROM golang:1.23\nCOPY go.mod go.sum ./\nRUN go install golang.org/x/tools/gopls@latest',
      findings: [{ line: 3, column: 16, endLine: 3, endColumn: 47 }],
    },
    {
      code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 47 }],
    },
    {
      code: 'FROM golang:1.23\nRUN go install -ldflags "-s -w" github.com/org/tool',
      findings: [{ line: 2, column: 33, endLine: 2, endColumn: 52 }],
    },
    {
      code: 'FROM golang:1.23\nRUN go get -tool example.com/gen',
      findings: [{ line: 2, column: 18, endLine: 2, endColumn: 33 }],
    },
    {
      // only the package is checked; what follows is the program's arguments
      code: 'FROM golang:1.23\nRUN go run example.com/gen@latest -out x',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 34 }],
    },
    {
      code: 'FROM golang:1.23\nRUN CGO_ENABLED=0 go install ./cmd/app honnef.co/go/tools/cmd/staticcheck@2024.1.1 example.com/x@upgrade',
      findings: [{ line: 2, column: 84, endLine: 2, endColumn: 105 }],
    },
  ],
});
