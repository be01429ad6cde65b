module github.com/vibefollow/vibefollow-go

go 1.24
