module github.com/vibedasher/vibedasher-go

go 1.24
