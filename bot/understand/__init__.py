"""Reading what people type: titles to occupations, questions to intents, FAQ look-up."""
