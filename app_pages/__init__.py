"""The app's pages: each module is a Streamlit script that app.py's navigation runs."""
