from kzt_annotator.cli import main

raise SystemExit(main())
