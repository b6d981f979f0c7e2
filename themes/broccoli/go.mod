module github.com/magicbroccoli/hugo-theme-broccoli

go 1.20
