from editorial.cli.main import main

main()
