"""The publication risk gate: the limits a user trades under (limits) and the decision whether a new
entry may be published now (gate). Pure: the usage it decides on is read by db.risk, the decision is
made by services.risk."""
