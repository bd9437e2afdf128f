from nhiemvu.cli import main

raise SystemExit(main())
