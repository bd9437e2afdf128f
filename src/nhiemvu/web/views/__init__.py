"""HTML pages, one module per page area. Views are thin: they check access, call services
or queries, and render; rules live in tracking/ and directory/."""
