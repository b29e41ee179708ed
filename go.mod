module verbatim

go 1.26.8
