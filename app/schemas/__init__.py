"""Request and response schemas: a ``Base / Create / Update / Public`` family per resource."""
