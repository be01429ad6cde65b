module github.com/edgecases/edgecases-go

go 1.24
