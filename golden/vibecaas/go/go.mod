module github.com/vibecaas/go-sdk

go 1.24
