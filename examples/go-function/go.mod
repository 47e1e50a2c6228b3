module example.com/go-function

go 1.19
