package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/talent"
)

// myPersonID is the registry person the signed-in talent acts for. An
// account not linked to a person has no talent pages: it is told so
// rather than shown an empty profile.
func myPersonID(ctx context.Context) (string, error) {
	if id := access.From(ctx).PersonID; id != "" {
		return id, nil
	}
	return "", fault.New(fault.Forbidden, "me.no_person")
}

// MeMarketView is a talent's own market: the projects that match them best
// with why, each with the form that applies; their applications and
// invitations with their answers; and the services they reported, with the
// form that reports one more.
type MeMarketView struct {
	Page
	Matches      []talent.ProjectMatch
	Applications []talent.ApplicationListed
	Services     []talent.ServiceListed
	// Apply is the failed application to project ApplyFor.
	Apply    Form
	ApplyFor string
	// Decision is the failed answer to application DecisionID.
	Decision   Form
	DecisionID string
	Service    Form
	// Factors are the factor checkboxes of an application, ApplyFactors
	// those of the failed application as ticked.
	Factors, ApplyFactors []Check
	Kinds                 []Choice
	L                     MarketLabels
}

// FormsOf lists the forms of taking part project p allows, as choices.
func (v *MeMarketView) FormsOf(p talent.Project) []Choice {
	return keyedChoices(p.Forms, talentFormKeys)
}

// meFailure is a failed form of the market page, re-rendered beside the
// record it was about.
type meFailure struct {
	apply      Form
	applyFor   string
	decision   Form
	decisionID string
	service    Form
}

func (s *Server) meMarket(w http.ResponseWriter, r *http.Request) error {
	return s.renderMeMarket(w, r, http.StatusOK, meFailure{})
}

func (s *Server) renderMeMarket(w http.ResponseWriter, r *http.Request, status int, fail meFailure) error {
	ctx := r.Context()
	me, err := myPersonID(ctx)
	if err != nil {
		return err
	}
	matches, err := s.talent.MatchProjects(ctx, me, matchCount)
	if err != nil {
		return err
	}
	apps, err := s.talent.Applications(ctx, talent.Filter{PersonID: me})
	if err != nil {
		return err
	}
	services, err := s.talent.Services(ctx, talent.Filter{PersonID: me})
	if err != nil {
		return err
	}
	if fail.service.Values == nil {
		fail.service = formOf(url.Values{"date": {civil.Today(shanghai).String()}})
	}
	v := &MeMarketView{Page: s.page(w, r, "me.page.market"), Matches: matches, Applications: apps, Services: services,
		Apply: fail.apply, ApplyFor: fail.applyFor, Decision: fail.decision, DecisionID: fail.decisionID, Service: fail.service,
		Factors:      keyedChecks(Form{}, "factors", talent.FactorKinds, talentFactorKeys),
		ApplyFactors: keyedChecks(fail.apply, "factors", talent.FactorKinds, talentFactorKeys),
		Kinds:        keyedChoices(talent.ServiceKinds, serviceKindKeys), L: marketLabels}
	return s.render(w, status, pageMeMarket, v)
}

func (s *Server) meApply(w http.ResponseWriter, r *http.Request) error {
	me, err := myPersonID(r.Context())
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	a := readProposal(&f)
	a.ProjectID, a.TalentID, a.Kind = id, me, talent.Apply
	if f.OK() {
		_, err = s.talent.Propose(r.Context(), &a)
		if err == nil {
			s.setFlash(w, "flash.market.applied")
			return redirect(w, r, "/me/market")
		}
		if !absorbRenamed(&f, err, proposalField) {
			return err
		}
	}
	return s.renderMeMarket(w, r, f.Status(err), meFailure{apply: f, applyFor: id})
}

func (s *Server) meAccept(w http.ResponseWriter, r *http.Request) error {
	return s.meAnswer(w, r, func(ctx context.Context, id string) error {
		_, err := s.talent.Accept(ctx, id, nil)
		return err
	}, "flash.market.accepted")
}

func (s *Server) meDecline(w http.ResponseWriter, r *http.Request) error {
	return s.meAnswer(w, r, s.talent.Decline, "flash.market.declined")
}

func (s *Server) meWithdraw(w http.ResponseWriter, r *http.Request) error {
	return s.meAnswer(w, r, s.talent.Withdraw, "flash.market.withdrawn")
}

// meAnswer answers or withdraws one of the talent's applications. A
// refusal the talent can act on (the project is full, the approval is
// missing) shows beside the application; one that is not theirs is not
// found.
func (s *Server) meAnswer(w http.ResponseWriter, r *http.Request, answer func(context.Context, string) error, flash string) error {
	if _, err := myPersonID(r.Context()); err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	err = answer(r.Context(), id)
	if err == nil {
		s.setFlash(w, flash)
		return redirect(w, r, "/me/market")
	}
	if !f.Absorb(err) {
		return err
	}
	return s.renderMeMarket(w, r, f.Status(err), meFailure{decision: f, decisionID: id})
}

func (s *Server) meServiceReport(w http.ResponseWriter, r *http.Request) error {
	me, err := myPersonID(r.Context())
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	sv := talent.Service{TalentID: me, Date: f.Date("date"), Kind: talent.ServiceKind(f.Get("kind")), Evidence: f.Get("evidence"),
		Summary: f.Get("summary")}
	if b := f.Get("beneficiaries"); b != "" {
		n, err := strconv.Atoi(b)
		if err != nil {
			f.Add("beneficiaries", "me.service.beneficiaries_format")
		}
		sv.Beneficiaries = n
	}
	if !f.OK() {
		f.Absorb(sv.Validate())
	}
	if f.OK() {
		_, err = s.talent.SaveService(r.Context(), &sv)
		if err == nil {
			s.setFlash(w, "flash.market.service_reported")
			return redirect(w, r, "/me/market")
		}
		if !f.Absorb(err) {
			return err
		}
	}
	return s.renderMeMarket(w, r, f.Status(err), meFailure{service: f})
}

// MeTalentView is the signed-in talent's own profile: the form that keeps
// it and the engagements they took part in.
type MeTalentView struct {
	Page
	D      *talent.Dossier
	Fields ProfileFields
	Others []fault.FieldError
	L      MarketLabels
}

func (s *Server) meTalent(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me, err := myPersonID(ctx)
	if err != nil {
		return err
	}
	d, err := s.talent.Profile(ctx, me)
	if err != nil {
		return err
	}
	f := profileFormOf(&d.Talent)
	f.Values.Set("version", strconv.Itoa(d.Version))
	return s.renderMeTalent(w, r, http.StatusOK, d, f)
}

func (s *Server) renderMeTalent(w http.ResponseWriter, r *http.Request, status int, d *talent.Dossier, f Form) error {
	v := &MeTalentView{Page: s.page(w, r, "me.page.talent"), D: d, Fields: newProfileFields(f),
		Others: f.Others(append([]string{"version"}, profileFieldNames...)...), L: marketLabels}
	v.Subject = d.Name
	return s.render(w, status, pageMeTalent, v)
}

func (s *Server) meTalentSave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me, err := myPersonID(ctx)
	if err != nil {
		return err
	}
	d, err := s.talent.Profile(ctx, me)
	if err != nil {
		return err
	}
	t, f, ok := readProfileForm(r)
	if ok {
		version, _ := strconv.Atoi(f.Get("version"))
		_, err = s.talent.SaveProfile(ctx, me, &t, version)
		if err == nil {
			s.setFlash(w, "flash.market.profile_saved")
			return redirect(w, r, "/me/talent")
		}
		if !absorbProfileError(&f, err) {
			return err
		}
	}
	return s.renderMeTalent(w, r, f.Status(err), d, f)
}
