package seed

// course is a catalogue entry the generator knows how to complete.
type course struct {
	code, title    string
	mandatory      bool
	validityMonths int
	categories     []string // empty: every carer
	tsd            bool
	preApproval    bool // done during assessment, before approval
	hours          float64
}

func (c course) appliesTo(householdCategories []string) bool {
	if len(c.categories) == 0 {
		return true
	}
	for _, want := range c.categories {
		for _, have := range householdCategories {
			if want == have {
				return true
			}
		}
	}
	return false
}

// catalogue is a realistic course list for an English fostering service:
// the mandatory core refreshed every three years by policy, one-off courses,
// and courses for particular kinds of care.
var catalogue = []course{
	{code: "STF", title: "Skills to Foster", mandatory: true, preApproval: true, hours: 18},
	{code: "SAFEG", title: "Safeguarding children and young people", mandatory: true, validityMonths: 36, hours: 6},
	{code: "PFA", title: "Paediatric first aid", mandatory: true, validityMonths: 36, hours: 12},
	{code: "SAFER", title: "Safer caring", mandatory: true, validityMonths: 36, hours: 3},
	{code: "TSD", title: "Training, Support and Development standards workbook", mandatory: true, tsd: true, hours: 10},
	{code: "RECORD", title: "Recording and record keeping", mandatory: true, tsd: true, hours: 3},
	{code: "ONLINE", title: "Keeping children safe online", mandatory: true, validityMonths: 36, hours: 3},
	{code: "ATTACH", title: "Attachment, trauma and therapeutic parenting", tsd: true, hours: 6},
	{code: "ALLEG", title: "Allegations and complaints: what to expect", hours: 3},
	{code: "MEDS", title: "Administering medication", validityMonths: 36, hours: 3},
	{code: "PAC", title: "Parent and child placements", mandatory: true, validityMonths: 36, categories: []string{"parent_and_child"}, hours: 12},
	{code: "REMAND", title: "Caring for young people on remand", mandatory: true, categories: []string{"remand"}, hours: 6},
}

// workshops are the optional courses a large service also records. The
// scale data uses them so that carers average about 25 training records, as
// in services with a long history; the demo keeps to the 12 above.
var workshops = []course{
	{code: "LIFESTORY", title: "Life story work", hours: 3},
	{code: "BEHAV", title: "Understanding and responding to behaviour", validityMonths: 36, hours: 6},
	{code: "EDI", title: "Equality, diversity and inclusion", validityMonths: 36, hours: 3},
	{code: "EDU", title: "Supporting education and the virtual school", hours: 3},
	{code: "CONTACT", title: "Family time and contact with birth families", hours: 3},
	{code: "CSE", title: "Child exploitation: sexual and criminal", validityMonths: 36, hours: 3},
	{code: "SELFHARM", title: "Self-harm and emotional wellbeing", hours: 3},
	{code: "DRUGS", title: "Drug and alcohol awareness", hours: 3},
	{code: "UASC", title: "Caring for unaccompanied asylum-seeking children", hours: 6},
	{code: "INDEP", title: "Preparing young people for independence", hours: 3},
	{code: "HEALTH", title: "Health of children in care", hours: 3},
	{code: "SOCIAL", title: "Social media and digital lives", validityMonths: 36, hours: 2},
}
