"""Where deadlines are made: a record meets a rule.

engine  every clock of every order, parcel and after-sale (start, due, done, status, rule, why), judged at
        one moment
"""
