"""What each record field means, for an officer new to it: `Spec.help` of the fields in
app.services.kinds, shown as the field's tooltip and What's This in the record forms.

English msgids; the Vietnamese cites as officers do ("Theo Điều 16 Luật Hòa giải ở cơ sở năm
2013, …"). An article is cited only where the text of the law is known to say it: Luật Hòa giải ở
cơ sở 35/2013/QH13, Luật Phổ biến, giáo dục pháp luật 14/2012/QH13, Nghị định 15/2014/NĐ-CP,
Thông tư 56/2023/TT-BTC. Where a rule is this program's own (how the statistics count a field)
the help says so without a citation. A field whose label says it all (a name, a phone, notes)
has no help."""

from app.i18n import N_

# -- people ------------------------------------------------------------------------------------

PERSON_ETHNIC_MINORITY = N_(
    "Tick for a person of an ethnic minority. The statistics count the mediators who are; in "
    "areas with many ethnic-minority people a mediation team must have an ethnic-minority "
    "mediator (Law on Grassroots Mediation 2013, Art. 12)."
)
PERSON_ETHNICITY = N_(
    "The name of the ethnic group (Tày, Mường, Khmer…), only for an ethnic minority. Personal "
    "data: it stays at the ward and is not sent to the aggregating office."
)
PERSON_LAW_QUALIFICATION = N_(
    "The person's professional training, in the three groups the statistics on mediators count: "
    "a law qualification, a qualification in another field, or no professional training."
)
PERSON_LEGAL_SPECIALITY = N_(
    "The field of law the person knows in depth, e.g. land, or marriage and family; recorded "
    "mainly for legal reporters."
)
PERSON_HAMLET = N_(
    "The village or residential group where the person permanently resides. Required for a "
    "mediator: under Art. 7 of the Law on Grassroots Mediation 2013, a mediator is a permanent "
    "resident of the community."
)
PERSON_ROLES = N_(
    "One person can hold several roles: legal reporter, legal propagandist, mediator. Add one "
    "entry per role, with the decision that recognised it."
)
ROLE_ROLE = N_(
    "Legal reporter: recognised under Art. 35 and 36 of the Law on Legal Dissemination and "
    "Education 2012. Legal propagandist: recognised by the commune or ward chairman under Art. "
    "37 of that Law. Mediator: elected and recognised under Art. 7 and 8 of the Law on "
    "Grassroots Mediation 2013."
)
ROLE_DECISION_NUMBER = N_(
    "The number of the decision recognising the person in this role, e.g. 12/QĐ-UBND."
)
ROLE_DECISION_DATE = N_(
    "The date the recognition decision was signed. A mediator can be assigned to cases from this "
    "date until the role ends."
)
ROLE_ISSUER = N_(
    "Who signed the decision: mediators and legal propagandists are recognised by the commune or "
    "ward chairman; legal reporters by the provincial chairman (before 1 July 2025, district "
    "chairmen recognised district reporters)."
)
ROLE_SCOPE = N_(
    "Where the person works in this role, e.g. the province for a legal reporter, or a village "
    "or residential group."
)
ROLE_END_DATE = N_(
    "Leave empty while the person still holds the role. After this date the person is no longer "
    "offered or counted in this role."
)
ROLE_END_DECISION = N_("The number of the decision ending the role, e.g. 20/QĐ-UBND.")
ROLE_END_REASON = N_(
    "Why the role ended, e.g. the person asked to stop, moved away, or no longer meets the "
    "standards."
)

# -- teams -------------------------------------------------------------------------------------

TEAM_VALID_FROM = N_(
    "The day the team began working, e.g. the date of the decision that set it up. Leave empty "
    "if not known."
)
TEAM_VALID_TO = N_(
    "The day the team stopped working (dissolved or merged into another). Leave empty while it "
    "works; after this day it is no longer counted among the teams."
)
TEAM_MEMBERS = N_(
    "Under Art. 12 of the Law on Grassroots Mediation 2013, a team has a leader and mediators: "
    "at least 3 mediators, including a woman; in areas with many ethnic-minority people, also an "
    "ethnic-minority mediator."
)
MEMBER_PERSON = N_(
    "Only people recognised as mediators today are offered. To add someone else, first give them "
    "the mediator role on the People page."
)
MEMBER_LEADER = N_("Tick for the team's leader; a team has one leader.")

# -- trainings ---------------------------------------------------------------------------------

TRAINING_ATTENDEES = N_(
    "The mediators, legal propagandists and others who attended. The statistics count the people "
    "trained in the period from this list."
)

# -- outreach sessions -------------------------------------------------------------------------

SESSION_FORM = N_(
    "How the law was disseminated: the forms of Art. 11 of the Law on Legal Dissemination and "
    "Education 2012, and common online forms. Choosing a form ticks or clears “Direct session” "
    "to match."
)
SESSION_DIRECT = N_(
    "Only direct sessions (conferences, classes, talks, counselling, legal clubs) count in the "
    "statistics as direct dissemination sessions, with their attendees and presenters. Set from "
    "the form; change it if this session differs."
)
SESSION_TOPICS = N_(
    "The fields of law presented; tick all that apply. The list follows the content of "
    "dissemination in Art. 10 of the Law on Legal Dissemination and Education 2012."
)
SESSION_LEGAL_DOCUMENTS = N_(
    "The laws and other legal documents presented, e.g. “Luật Đất đai số 31/2024/QH15”. Type "
    "part of a name to pick it from the list, or type another document's name and press Enter."
)
SESSION_AUDIENCES = N_(
    "Who the session was for; tick all that apply. The list includes the special audiences of "
    "Art. 17 to 22 of the Law on Legal Dissemination and Education 2012, such as people with "
    "disabilities or victims of domestic violence."
)
SESSION_ATTENDEES = N_(
    "Everyone who attended this session. For direct sessions the statistics add these up as "
    "attendances: one person at two sessions counts twice."
)
SESSION_ATTENDEES_MEN = N_(
    "Optional. Men and women together may not be more than the number attending."
)
SESSION_ATTENDEES_WOMEN = SESSION_ATTENDEES_MEN
SESSION_PRESENTERS = N_(
    "The legal reporters, legal propagandists or others who presented. The statistics count the "
    "reporters and propagandists who gave at least one direct session in the period, each person "
    "once."
)
SESSION_MATERIALS = N_(
    "Legal materials handed out or posted for this session, one entry per material. The "
    "statistics count the materials issued and, of them, those posted online."
)
MATERIAL_LANGUAGE = N_(
    "The material's language: “vi” means Vietnamese. For a material in an ethnic-minority or "
    "foreign language, type the language's name, e.g. Khmer."
)
MATERIAL_ONLINE = N_(
    "Tick if the material was also posted online (web portal, social networks); the statistics "
    "count these separately."
)
SESSION_FUNDING_REGULAR = N_(
    "Money spent on this session from the regular state budget, in đồng. The statistics report "
    "the three sources of funding separately and their total."
)
SESSION_FUNDING_PROGRAMME = N_(
    "Money spent on this session from the budget of a programme, scheme or project, in đồng."
)
SESSION_FUNDING_OTHER = N_(
    "Money spent on this session from other sources, e.g. sponsors or community contributions, "
    "in đồng."
)
SESSION_BROADCASTS = N_(
    "How many times legal content was broadcast on the community loudspeakers for this session."
)
SESSION_QUIZ_ENTRIES = N_(
    "For a legal quiz, online or not: the number of entries received, which the statistics count "
    "as quiz participants. Counted only when the form is a legal quiz."
)

# -- mediation cases ---------------------------------------------------------------------------

CASE_BOOK_NUMBER = N_(
    "The case's number in the team's logbook of grassroots mediation (Sổ theo dõi hoạt động hòa "
    "giải ở cơ sở)."
)
CASE_TEAM = N_(
    "The mediation team that mediates the case. Mediation results are reported team by team."
)
CASE_RECEIVED_ON = N_(
    "The day the team received the request or learned of the matter. The case is counted in the "
    "reporting period of this date, and in later ones until it ends."
)
CASE_ASSIGNED_ON = N_(
    "The day mediators were assigned to the case (Law on Grassroots Mediation 2013, Art. 18). "
    "Under Art. 20(2) of that Law, mediation must start within 3 days of it."
)
CASE_STARTED_ON = N_(
    "The day mediation actually began: within 3 days of assignment under Art. 20(2) of the Law "
    "on Grassroots Mediation 2013. Required once the case is in progress."
)
CASE_ENDED_ON = N_(
    "The day the mediation ended (Law on Grassroots Mediation 2013, Art. 23). Required when the "
    "result is successful or unsuccessful; leave empty otherwise."
)
CASE_BASIS = N_(
    "Under Art. 16 of the Law on Grassroots Mediation 2013, mediation takes place when a party "
    "asks for it, a mediator witnessed or learned of the matter, the team leader assigned it, or "
    "an agency, organisation or person proposed it."
)
CASE_PUBLIC = N_(
    "Under Art. 17 of the Law on Grassroots Mediation 2013, the parties may ask for mediation "
    "not to be public. Clear the tick then: the printed logbook will not show the parties, the "
    "content or the agreement."
)
CASE_SCOPE_GROUP = N_(
    "The group the statistics count the case in: civil disputes; marriage and family disputes; "
    "other conflicts and minor violations. A matter that may not be mediated at the grassroots "
    "(Art. 3 of the Law on Grassroots Mediation 2013), such as one harming the interests of the "
    "State or the public, is marked “Outside the scope of grassroots mediation” and not counted."
)
CASE_SCOPE_ITEM = N_(
    "The point of Art. 5(1) of Decree 15/2014/NĐ-CP, which details the matters grassroots "
    "mediation covers, that the case falls under. Optional: the statistics use “Kind of "
    "dispute”."
)
CASE_SUBJECT_TAGS = N_(
    "Free words for the subject, e.g. land, inheritance, right of way, neighbours, to find and "
    "sort cases. They are not used in the statistics."
)
CASE_INVITED_PERSONS = N_(
    "People the mediator invited to take part, e.g. a respected member of the family line or the "
    "community, or someone who knows the matter (Law on Grassroots Mediation 2013, Art. 19)."
)
INVITED_RELATION = N_(
    "Why this person was invited, e.g. head of the family line, head of the village, witness."
)
CASE_SUMMARY = N_(
    "The main content of the conflict or dispute, as the logbook records it. Write only what the "
    "mediation needs: the parties' private information must be kept confidential (Law on "
    "Grassroots Mediation 2013, Art. 4(3))."
)
CASE_AGREEMENT = N_(
    "What the parties agreed or, if they did not agree, what each party asks for. For a "
    "successful mediation, the content of the agreement (Law on Grassroots Mediation 2013, Art. "
    "24)."
)
CASE_RESULT = N_(
    "“Successful”: the parties reached agreement. “Unsuccessful”: mediation ended without "
    "agreement. “In progress”: mediation has started and not ended. “Not started”: received, not "
    "yet mediated. Successful and unsuccessful need the end date and the reason."
)
CASE_END_REASON = N_(
    "Under Art. 23 of the Law on Grassroots Mediation 2013, mediation ends when the parties "
    "reach agreement, when a party asks to stop it, or when the mediator ends it because "
    "agreement cannot be reached."
)
CASE_FOLLOW_UP = N_(
    "How the parties are carrying out the agreement, and how it is followed up (Law on "
    "Grassroots Mediation 2013, Art. 26)."
)
CASE_REFERRAL = N_(
    "Where the parties were guided when mediation did not settle the matter or it is outside "
    "grassroots mediation, e.g. the commune People's Committee or the court."
)
CASE_FEE_AMOUNT = N_(
    "The fee paid to the mediators for this case, in đồng, at the rate the province sets within "
    "the limits of Circular 56/2023/TT-BTC."
)
CASE_MEDIATORS = N_(
    "The mediators assigned to the case (Law on Grassroots Mediation 2013, Art. 18). Only people "
    "recognised as mediators on the date assigned (or received) can be saved."
)
CASE_PARTIES = N_(
    "The parties and related persons, as the logbook lists them. Their private information is "
    "confidential (Law on Grassroots Mediation 2013, Art. 4(3)): their personal details stay at "
    "the ward, and their names in the case's texts are sent as initials."
)
PARTY_ROLE = N_(
    "Requesting party: the side that asked for mediation. Responding party: the other side of "
    "the dispute. Related person: someone whose rights or duties are concerned."
)
PARTY_ID_NUMBER = N_(
    "The 12-digit personal identification number, printed on the identity card. Optional; "
    "personal data that stays at the ward."
)
