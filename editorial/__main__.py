from editorial.cli.entry import main

main()
