"""Read what the province declares: indicators, units, provinces, periods."""
