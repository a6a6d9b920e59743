"""Children's SDG progress in the Global South: the logic the dashboard's pages call.

Analysts can use it directly: ``from childsdg import api; api.series("u5mr", ["KEN", "RWA"])``.
"""
