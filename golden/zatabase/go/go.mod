module github.com/zatabase/zatabase-go

go 1.24
