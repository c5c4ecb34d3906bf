import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{Y as r,a as i,d as a,f as o,i as s,l as c,nt as l,o as ee,r as u,rt as d,s as f,t as p}from"./usePageTitle-A28YcnZo.js";import{t as m}from"./useTranslation-C_P0klXE.js";import{PolicyQuery as te,t as h}from"./PolicyDetail-sKfgOhf0.js";import{t as g}from"./audience-D9BouUUZ.js";import{POLICY_KINDS as _}from"./Policies-yPyHGitd.js";var v=e(t(),1),y=n(),b=c(`
  query PolicyEditorOptions {
    settings {
      today
    }
    channels(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
          region
        }
      }
    }
  }
`),x=c(`
  query PolicyDealerSearch($q: String) {
    dealers(where: { nameContainsFold: $q }, orderBy: { field: NAME }, first: 10) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`),S=c(`
  mutation PublishPolicy($input: PublishPolicyInput!) {
    publishPolicy(input: $input) {
      id
    }
  }
`),C=c(`
  mutation AmendPolicy($id: ID!, $input: PublishPolicyInput!, $material: Boolean!) {
    amendPolicy(id: $id, input: $input, material: $material) {
      id
      version
    }
  }
`),ne={kind:`GENERAL`,title:``,body:``,effectiveFrom:``,effectiveTo:``,all:!0,channels:[],tiers:[],territories:[],dealers:[]};function w(e,t,n){return e.some(e=>n(e,t))?e.filter(e=>!n(e,t)):[...e,t]}function T(){let{t:e,i18n:t}=m(),{id:n}=d(),c=!!n,T=l();p(e(c?`policies.amendTitle`:`policies.newTitle`));let E={kind:(0,v.useId)(),title:(0,v.useId)(),body:(0,v.useId)(),from:(0,v.useId)(),to:(0,v.useId)(),dealer:(0,v.useId)()},[{data:D,error:O}]=o({query:b}),[{data:k}]=o({query:te,variables:{id:n??``},pause:!c}),[A,j]=(0,v.useState)(ne),[M,N]=(0,v.useState)(!1),[P,F]=(0,v.useState)(!0),[I,L]=(0,v.useState)(!1),[R,z]=(0,v.useState)(``),[{data:B}]=o({query:x,variables:{q:R},pause:R.trim().length<2}),[V,H]=a(S),[U,W]=a(C),G=c?U:V;(0,v.useEffect)(()=>{if(M)return;let e=k?.node?.__typename===`ChannelPolicy`?k.node:null;c&&e?(j({kind:e.kind,title:e.title,body:e.body,effectiveFrom:e.effectiveFrom,effectiveTo:e.effectiveTo??``,all:e.audience.all,channels:e.audience.channels,tiers:e.audience.tiers,territories:e.audience.territories,dealers:e.audience.dealers}),N(!0)):!c&&D&&(j(e=>({...e,effectiveFrom:D.settings.today})),N(!0))},[c,k,D,M]);let K=e=>j(t=>({...t,...e})),q=f(G.error).map(e=>({...e,name:ee(e.field).name})),J=e=>e.name.split(`.`)[0]===`audience`,Y=t=>q.filter(e=>e.code===`INVALID_INPUT`&&e.name===t).map(t=>i(e,t))[0],X=q.filter(J).map(t=>t.code===`INVALID_INPUT`?e(`errors.field.audience`):t.code===`FORBIDDEN`?e(`policies.audienceForbidden`):t.code===`NOT_FOUND`?e(`policies.audienceNotFound`):i(e,t))[0],re=q.filter(e=>!J(e)&&!(e.code===`INVALID_INPUT`&&e.field)).map(t=>i(e,t,`policies.refused`)),ie=async e=>{e.preventDefault();let t={kind:A.kind,title:A.title,body:A.body,effectiveFrom:A.effectiveFrom,effectiveTo:A.effectiveTo||null,audience:A.all?{all:!0}:{all:!1,channelIDs:A.channels.map(e=>e.id),tiers:A.tiers,territoryIDs:A.territories.map(e=>e.id),dealerIDs:A.dealers.map(e=>e.id)}},r=c?await W({id:n,input:t,material:P}):await H({input:t}),i=r.data&&(`amendPolicy`in r.data?r.data.amendPolicy:`publishPolicy`in r.data?r.data.publishPolicy:null);!r.error&&i&&T(`/policies/${encodeURIComponent(i.id)}`)};if(O&&!D)return(0,y.jsx)(u,{error:O});if(!D||c&&!M)return(0,y.jsx)(s,{});let ae=(D.channels.edges??[]).flatMap(e=>e?.node?[e.node]:[]),oe=(D.territories.edges??[]).flatMap(e=>e?.node?[e.node]:[]),Z=(B?.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]),Q=(e,t)=>e.id===t.id,$=e=>{let t=Y(e);return t?(0,y.jsx)(`p`,{className:`field-error`,role:`alert`,children:t}):null};return(0,y.jsxs)(`section`,{"aria-labelledby":`editor-title`,children:[(0,y.jsx)(`p`,{className:`back`,children:(0,y.jsxs)(r,{to:c?`/policies/${encodeURIComponent(n)}`:`/policies`,children:[`← `,e(`policies.back`)]})}),(0,y.jsx)(`h1`,{id:`editor-title`,children:e(c?`policies.amendTitle`:`policies.newTitle`)}),(0,y.jsxs)(`form`,{className:`form policy-editor`,onSubmit:ie,noValidate:!0,children:[(0,y.jsxs)(`div`,{className:`field`,children:[(0,y.jsx)(`label`,{htmlFor:E.kind,children:e(`policies.kind`)}),(0,y.jsx)(`select`,{id:E.kind,name:`kind`,value:A.kind,onChange:e=>K({kind:e.target.value}),children:_.map(t=>(0,y.jsx)(`option`,{value:t,children:e(`policyKind.${t}`)},t))})]}),(0,y.jsxs)(`div`,{className:`field`,children:[(0,y.jsx)(`label`,{htmlFor:E.title,children:e(`policies.titleField`)}),(0,y.jsx)(`input`,{id:E.title,name:`title`,value:A.title,maxLength:200,onChange:e=>K({title:e.target.value})}),$(`title`)]}),(0,y.jsxs)(`div`,{className:`field field-wide`,children:[(0,y.jsxs)(`div`,{className:`tabs`,role:`group`,"aria-label":e(`policies.body`),children:[(0,y.jsx)(`button`,{type:`button`,className:`button${I?``:` button-primary`}`,"aria-pressed":!I,onClick:()=>L(!1),children:e(`policies.write`)}),(0,y.jsx)(`button`,{type:`button`,className:`button${I?` button-primary`:``}`,"aria-pressed":I,onClick:()=>L(!0),"data-action":`preview`,children:e(`policies.preview`)})]}),(0,y.jsx)(`label`,{htmlFor:E.body,children:e(`policies.bodyField`)}),I?(0,y.jsx)(`div`,{className:`preview`,id:E.body,children:A.body.trim()?(0,y.jsx)(h,{source:A.body}):(0,y.jsx)(`p`,{className:`muted`,children:e(`policies.nothingToPreview`)})}):(0,y.jsx)(`textarea`,{id:E.body,name:`body`,rows:12,value:A.body,onChange:e=>K({body:e.target.value})}),(0,y.jsx)(`p`,{className:`muted`,children:e(`policies.markdownHint`)}),$(`body`)]}),(0,y.jsxs)(`div`,{className:`field-row`,children:[(0,y.jsxs)(`div`,{className:`field`,children:[(0,y.jsx)(`label`,{htmlFor:E.from,children:e(`policies.effectiveFromField`)}),(0,y.jsx)(`input`,{id:E.from,name:`effectiveFrom`,type:`date`,value:A.effectiveFrom,onChange:e=>K({effectiveFrom:e.target.value})}),$(`effectiveFrom`)]}),(0,y.jsxs)(`div`,{className:`field`,children:[(0,y.jsx)(`label`,{htmlFor:E.to,children:e(`policies.effectiveToField`)}),(0,y.jsx)(`input`,{id:E.to,name:`effectiveTo`,type:`date`,value:A.effectiveTo,onChange:e=>K({effectiveTo:e.target.value})}),$(`effectiveTo`)]})]}),(0,y.jsxs)(`fieldset`,{className:`audience-picker`,children:[(0,y.jsx)(`legend`,{children:e(`policies.audience`)}),(0,y.jsxs)(`label`,{className:`check`,children:[(0,y.jsx)(`input`,{type:`radio`,name:`audience-mode`,value:`all`,checked:A.all,onChange:()=>K({all:!0})}),` `,e(`audience.all`)]}),(0,y.jsxs)(`label`,{className:`check`,children:[(0,y.jsx)(`input`,{type:`radio`,name:`audience-mode`,value:`choose`,checked:!A.all,onChange:()=>K({all:!1})}),` `,e(`policies.chooseAudience`)]}),!A.all&&(0,y.jsxs)(`div`,{className:`audience-dimensions`,children:[(0,y.jsxs)(`fieldset`,{children:[(0,y.jsx)(`legend`,{children:e(`policies.channels`)}),ae.map(e=>(0,y.jsxs)(`label`,{className:`check`,children:[(0,y.jsx)(`input`,{type:`checkbox`,"data-channel":e.name,checked:A.channels.some(t=>t.id===e.id),onChange:()=>K({channels:w(A.channels,e,Q)})}),` `,e.name]},e.id))]}),(0,y.jsxs)(`fieldset`,{children:[(0,y.jsx)(`legend`,{children:e(`policies.tiers`)}),[1,2].map(t=>(0,y.jsxs)(`label`,{className:`check`,children:[(0,y.jsx)(`input`,{type:`checkbox`,"data-tier":t,checked:A.tiers.includes(t),onChange:()=>K({tiers:w(A.tiers,t,(e,t)=>e===t)})}),` `,e(`tier.${t}`)]},t))]}),(0,y.jsxs)(`fieldset`,{children:[(0,y.jsx)(`legend`,{children:e(`policies.territories`)}),oe.map(e=>(0,y.jsxs)(`label`,{className:`check`,children:[(0,y.jsx)(`input`,{type:`checkbox`,"data-territory":e.name,checked:A.territories.some(t=>t.id===e.id),onChange:()=>K({territories:w(A.territories,e,Q)})}),` `,e.name,` `,(0,y.jsxs)(`span`,{className:`muted`,children:[`(`,e.region,`)`]})]},e.id))]}),(0,y.jsxs)(`fieldset`,{children:[(0,y.jsx)(`legend`,{children:e(`policies.namedDealers`)}),A.dealers.length>0&&(0,y.jsx)(`ul`,{className:`chips`,children:A.dealers.map(t=>(0,y.jsxs)(`li`,{children:[t.name,` `,(0,y.jsx)(`button`,{type:`button`,className:`button button-quiet`,"aria-label":e(`policies.removeDealer`,{name:t.name}),onClick:()=>K({dealers:A.dealers.filter(e=>e.id!==t.id)}),children:`×`})]},t.id))}),(0,y.jsx)(`label`,{htmlFor:E.dealer,children:e(`policies.findDealer`)}),(0,y.jsx)(`input`,{id:E.dealer,type:`search`,value:R,onChange:e=>z(e.target.value)}),Z.length>0&&(0,y.jsx)(`ul`,{className:`links dealer-candidates`,children:Z.filter(e=>!A.dealers.some(t=>t.id===e.id)).map(e=>(0,y.jsx)(`li`,{children:(0,y.jsxs)(`button`,{type:`button`,className:`button button-quiet`,"data-dealer":e.name,onClick:()=>K({dealers:[...A.dealers,{id:e.id,name:e.name}]}),children:[`+ `,e.name,` `,(0,y.jsx)(`span`,{className:`muted mono`,children:e.code})]})},e.id))})]})]}),(0,y.jsxs)(`p`,{className:`audience-summary`,children:[e(`policies.appliesTo`),` `,(0,y.jsx)(`strong`,{children:g(e,A,t.language===`zh`?`zh-CN`:`en`)})]}),X&&(0,y.jsx)(`p`,{className:`field-error`,role:`alert`,children:X})]}),c&&(0,y.jsxs)(`label`,{className:`check`,children:[(0,y.jsx)(`input`,{type:`checkbox`,name:`material`,checked:P,onChange:e=>F(e.target.checked)}),` `,e(`policies.materialField`)]}),re.map((e,t)=>(0,y.jsx)(`p`,{className:`field-error`,role:`alert`,children:e},t)),(0,y.jsx)(`p`,{className:`actions-row`,children:(0,y.jsx)(`button`,{type:`submit`,className:`button button-primary`,"data-action":`publish`,disabled:G.fetching,children:e(c?`policies.publishAmendment`:`policies.publish`)})})]})]})}export{C as AmendPolicyMutation,x as PolicyDealerSearchQuery,T as PolicyEditor,b as PolicyEditorOptionsQuery,S as PublishPolicyMutation};